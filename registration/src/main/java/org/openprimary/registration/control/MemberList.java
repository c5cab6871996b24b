package org.openprimary.registration.control;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openprimary.common.InvalidInputException;
import org.openprimary.registration.boundary.Factor;
import org.openprimary.registration.boundary.ImportReport.LineProblem;
import org.openprimary.registration.entity.EmailAddress;
import org.openprimary.registration.entity.PhoneNumber;

/**
 * Reads an organizer's member list (CSV with a header: {@code member_id, first_name, last_name,
 * email, phone}, in any order) and checks every line, collecting every problem rather than stopping
 * at the first. A phone is a mobile, or a landline when the election accepts landlines.
 */
public final class MemberList {

    public static final int MAX_LINES = 1_000_000;
    static final List<String> COLUMNS = List.of("member_id", "first_name", "last_name", "email", "phone");

    /** One valid line. */
    public record Member(long line, String memberId, String firstName, String lastName, EmailAddress email,
            PhoneNumber phone) {
    }

    /** The valid members and the problems, by line. */
    public record Parsed(int lines, List<Member> members, List<LineProblem> problems) {
    }

    private MemberList() {
    }

    /**
     * @param landlines whether the election accepts a landline as the phone (its codes by voice
     *     call, as for registration); otherwise a member's landline is refused on its line
     */
    public static Parsed parse(String csv, Set<Factor> required, List<String> allowedCountries, boolean landlines) {
        if (csv == null || csv.isBlank()) {
            throw new InvalidInputException("body", "send the member list as CSV with a header line");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setTrim(true).get();
        List<Member> members = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int lines = 0;
        try (CSVParser parser = CSVParser.parse(new StringReader(csv.replace("\uFEFF", "")), format)) {
            Set<String> header = new HashSet<>();
            parser.getHeaderNames().forEach(name -> header.add(name.strip().toLowerCase(Locale.ROOT)));
            for (String column : COLUMNS) {
                if (!header.contains(column)) {
                    throw new InvalidInputException("body", "the header lacks the column '" + column + "' (expected "
                            + String.join(",", COLUMNS) + ")");
                }
            }
            for (CSVRecord record : parser) {
                lines++;
                if (lines > MAX_LINES) {
                    throw new InvalidInputException("body", "at most " + MAX_LINES + " members per import");
                }
                long line = record.getRecordNumber() + 1;
                try {
                    String memberId = value(record, "member_id");
                    if (memberId.isEmpty() || memberId.length() > 64) {
                        throw new InvalidInputException("member_id", "a member id has 1 to 64 characters");
                    }
                    if (!seen.add(memberId)) {
                        throw new InvalidInputException("member_id", "this member id is listed twice in the file");
                    }
                    String emailText = value(record, "email");
                    String phoneText = value(record, "phone");
                    EmailAddress email = emailText.isEmpty() && !required.contains(Factor.EMAIL)
                            ? null : EmailAddress.parse(emailText, "email");
                    PhoneNumber phone = phoneText.isEmpty() && !required.contains(Factor.PHONE)
                            ? null : PhoneNumber.parse(phoneText, allowedCountries, "phone", landlines);
                    members.add(new Member(line, memberId, value(record, "first_name"), value(record, "last_name"),
                            email, phone));
                } catch (InvalidInputException e) {
                    problems.add(new LineProblem(line, e.field().orElse(null), e.reason()));
                }
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new InvalidInputException("body", "this is not valid CSV: " + e.getMessage());
        }
        return new Parsed(lines, members, problems);
    }

    private static String value(CSVRecord record, String column) {
        for (String name : record.getParser().getHeaderNames()) {
            if (name.strip().equalsIgnoreCase(column)) {
                return record.isSet(name) && record.get(name) != null ? record.get(name).strip() : "";
            }
        }
        return "";
    }

}
