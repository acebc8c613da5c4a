-- The day a notice was due, so that the record of every e-mail can be read against the schedule.
ALTER TABLE "OutboundEmail" ADD COLUMN "dueOn" TEXT;
