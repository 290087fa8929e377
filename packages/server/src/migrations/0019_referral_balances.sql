-- A program's ledger totals (GET /v1/referral-programs/:id/balances) add up its payouts: by program.
-- Its commissions and promoters are found by the program through the list indexes of 0012.
create index promoter_payouts_by_program on promoter_payouts (merchant_id, program_id);
