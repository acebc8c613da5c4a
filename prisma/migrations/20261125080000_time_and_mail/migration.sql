-- The day a notice was due, so that the record of every e-mail can be read against the schedule.
ALTER TABLE "OutboundEmail" ADD COLUMN "dueOn" TEXT;

-- An adjustment (tilläggsavtal) may move the end of the term.
ALTER TABLE "Adjustment" ADD COLUMN "newTermEndDate" TEXT;
