CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`assessment_id` text NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`question` text,
	`uploaded_by` text NOT NULL,
	`uploaded_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `documents_assessment_idx` ON `documents` (`assessment_id`,`id`);--> statement-breakpoint
CREATE INDEX `documents_sha256_idx` ON `documents` (`sha256`);
