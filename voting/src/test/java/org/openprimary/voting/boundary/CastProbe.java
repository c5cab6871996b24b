package org.openprimary.voting.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;
import java.util.UUID;
import org.openprimary.common.ConflictException;
import org.openprimary.tally.control.BoxChain;
import org.openprimary.voting.control.BallotBox;

/**
 * For the container test only: the heart of a cast (the voter's mark, then the ballot into the
 * box, in one transaction), without the code round trip, so a race on one voter can be staged.
 */
@Stateless
public class CastProbe {

    @EJB
    BallotBox box;

    public void addVoter(String election, UUID voter, String credentialHash) {
        addVoter(election, voter, UUID.randomUUID(), credentialHash);
    }

    public void addVoter(String election, UUID voter, UUID registrant, String credentialHash) {
        box.addVoters(election, List.of(voter), List.of(registrant), List.of(credentialHash));
    }

    public void cast(String election, UUID voter, byte[] encrypted) {
        if (!box.mark(voter)) {
            throw new ConflictException("credential", "this voter has already voted");
        }
        box.accept(election, encrypted, BoxChain.receipt(encrypted));
    }

    public BallotBox.Entry chain(String election, String genesis) {
        return box.chain(election, genesis);
    }

    public long marks(String election) {
        return box.marks(election);
    }

    public long ballots(String election) {
        return box.ballots(election);
    }
}
