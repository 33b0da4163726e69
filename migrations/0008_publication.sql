CREATE TABLE `publication_approvals` (
	`assessment_id` text PRIMARY KEY NOT NULL,
	`authority` text NOT NULL,
	`public_documents` text DEFAULT '[]' NOT NULL,
	`approved_by` text NOT NULL,
	`approved_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `publications` (
	`id` text PRIMARY KEY NOT NULL,
	`assessment_id` text NOT NULL,
	`country` text NOT NULL,
	`period` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`region_code` text,
	`subregion_code` text,
	`authority` text NOT NULL,
	`approved_at` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` text NOT NULL,
	`documents` text DEFAULT '[]' NOT NULL,
	`withdrawn_at` text,
	`withdrawn_by` text,
	`withdraw_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publications_country_period_version_uq` ON `publications` (`country`,`period`,`version`);--> statement-breakpoint
CREATE INDEX `publications_status_idx` ON `publications` (`status`,`country`,`period`);--> statement-breakpoint
CREATE INDEX `publications_assessment_idx` ON `publications` (`assessment_id`);--> statement-breakpoint
CREATE TABLE `publication_files` (
	`publication_id` text NOT NULL,
	`name` text NOT NULL,
	`locale` text NOT NULL,
	`media_type` text NOT NULL,
	`sha256` text NOT NULL,
	`bytes` blob NOT NULL,
	PRIMARY KEY(`publication_id`, `name`, `locale`),
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE no action
);
