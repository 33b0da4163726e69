CREATE TABLE `assignments` (
	`assessment_id` text NOT NULL,
	`scope` text NOT NULL,
	`lead` text NOT NULL,
	`contributors` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`assessment_id`, `scope`)
);
--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`assessment_id` text NOT NULL,
	`question` text NOT NULL,
	`thread_id` text,
	`reply_to` text,
	`author` text NOT NULL,
	`ministry` text,
	`text` text NOT NULL,
	`at` text NOT NULL,
	`remark` integer DEFAULT false NOT NULL,
	`resolved_at` text,
	`resolved_by` text
);
--> statement-breakpoint
CREATE INDEX `comments_assessment_question_idx` ON `comments` (`assessment_id`,`question`,`at`);--> statement-breakpoint
CREATE TABLE `ministries` (
	`id` text PRIMARY KEY NOT NULL,
	`country` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`acronym` text,
	`contacts` text DEFAULT '[]' NOT NULL,
	`retired_at` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ministries_country_code_uq` ON `ministries` (`country`,`code`);--> statement-breakpoint
CREATE TABLE `ministry_audit` (
	`id` integer PRIMARY KEY NOT NULL,
	`country` text NOT NULL,
	`ministry_id` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `ministry_audit_country_idx` ON `ministry_audit` (`country`,`id`);--> statement-breakpoint
CREATE TABLE `people` (
	`sub` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`country` text,
	`ministry` text,
	`email` text,
	`preferences` text DEFAULT '{}' NOT NULL,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `signoffs` (
	`assessment_id` text NOT NULL,
	`ministry_id` text NOT NULL,
	`ready_by` text NOT NULL,
	`ready_at` text NOT NULL,
	`revision` integer NOT NULL,
	PRIMARY KEY(`assessment_id`, `ministry_id`)
);
--> statement-breakpoint
CREATE TABLE `visits` (
	`sub` text NOT NULL,
	`assessment_id` text NOT NULL,
	`at` text NOT NULL,
	`revision` integer NOT NULL,
	PRIMARY KEY(`sub`, `assessment_id`)
);
--> statement-breakpoint
ALTER TABLE `answers` ADD `ministry` text;--> statement-breakpoint
ALTER TABLE `events` ADD `ministry` text;