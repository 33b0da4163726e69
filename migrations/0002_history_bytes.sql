ALTER TABLE `assessments` ADD `history_bytes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-added: what existing assessments' history already holds, counted as the service counts it.
UPDATE `assessments` SET `history_bytes` = (
  SELECT coalesce(sum(length(CAST(coalesce(`before`, '') AS BLOB)) + length(CAST(coalesce(`after`, '') AS BLOB))
    + length(CAST(coalesce(`reason`, '') AS BLOB))), 0)
  FROM `events` WHERE `events`.`assessment_id` = `assessments`.`id`
);
