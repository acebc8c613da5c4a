-- The term agreed in a renegotiation, which starts by itself on its first day.
ALTER TABLE "Renegotiation" ADD COLUMN "nextTerm" JSONB;
