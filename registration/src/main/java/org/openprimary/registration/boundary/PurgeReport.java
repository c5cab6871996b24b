package org.openprimary.registration.boundary;

import java.util.List;

/**
 * What one run of the retention purge did: the elections whose personal data it finished erasing,
 * and how many registrations it erased in all (counts only: nothing about anyone).
 */
public record PurgeReport(List<String> electionsPurged, long registrationsErased) {

    public PurgeReport {
        electionsPurged = List.copyOf(electionsPurged);
    }
}
