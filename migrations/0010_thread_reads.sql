ALTER TABLE `comments` ADD `revision` integer;--> statement-breakpoint
CREATE TABLE `thread_reads` (
	`sub` text NOT NULL,
	`assessment_id` text NOT NULL,
	`question` text NOT NULL,
	`at` text NOT NULL,
	`revision` integer NOT NULL,
	PRIMARY KEY(`sub`, `assessment_id`, `question`)
);
