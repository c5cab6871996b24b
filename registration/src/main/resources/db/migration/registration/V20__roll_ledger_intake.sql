-- What registrations record while registration is open (registered, factor verified, on the roll,
-- refused duplicate, fee paid), before the chainer links it into the roll's ledger (RollLedger,
-- LedgerChainer). A registration inserts its row under a KEY SHARE lock of its window, so
-- registrations never wait on each other; the chainer takes the window's NO KEY UPDATE lock, moves
-- the rows it finds into roll_ledger, hash-linked, and deletes them, in one commit. The close chains
-- what is left and, once it is committed, no row can be added (each insert re-reads closed_at): a
-- frozen roll's ledger is whole. Readers of the ledger chain what is pending first.
CREATE TABLE roll_ledger_intake (
    id          BIGSERIAL   PRIMARY KEY,
    election_id VARCHAR(36) NOT NULL REFERENCES registration_window (election_id),
    kind        VARCHAR(40) NOT NULL CHECK (kind IN ('REGISTERED', 'FACTOR_VERIFIED', 'ADDED_TO_ROLL',
                                                     'REFUSED_DUPLICATE', 'FEE_PAID')),
    detail      VARCHAR(1000) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX roll_ledger_intake_order_idx ON roll_ledger_intake (election_id, recorded_at, id);
