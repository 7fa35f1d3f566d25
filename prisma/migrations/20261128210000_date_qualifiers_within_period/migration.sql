-- Date qualifiers are 'early', 'mid' or 'late' only: each narrows a date within its period, which range filters
-- and the timeline read as the whole period. 'before' and 'since' (accepted by earlier versions, never used by
-- the seed) said the opposite of that reading, and the API no longer reads them: they are dropped, keeping the
-- date and its precision.
UPDATE "Chip" SET "announcedQualifier" = NULL WHERE "announcedQualifier" IN ('before', 'since');
UPDATE "Chip" SET "availableQualifier" = NULL WHERE "availableQualifier" IN ('before', 'since');
UPDATE "ChipDeployment" SET "startQualifier" = NULL WHERE "startQualifier" IN ('before', 'since');
UPDATE "FundingRound" SET "dateQualifier" = NULL WHERE "dateQualifier" IN ('before', 'since');
UPDATE "Deal" SET "dateQualifier" = NULL WHERE "dateQualifier" IN ('before', 'since');
UPDATE "Metric" SET "periodQualifier" = NULL WHERE "periodQualifier" IN ('before', 'since');
