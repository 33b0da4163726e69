CREATE TABLE `answers` (
	`assessment_id` text NOT NULL,
	`question` text NOT NULL,
	`value` text,
	`not_applicable` integer DEFAULT false NOT NULL,
	`comment` text,
	`evidence` text DEFAULT '[]' NOT NULL,
	`answered_by` text NOT NULL,
	`answered_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`assessment_id`, `question`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`country` text NOT NULL,
	`period` text NOT NULL,
	`framework_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`copied_from` text,
	`return_reason` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`submitted_at` text,
	`validated_at` text,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_open_uq` ON `assessments` (`country`,`period`,`framework_id`) WHERE status <> 'validated';--> statement-breakpoint
CREATE INDEX `assessments_country_period_idx` ON `assessments` (`country`,`period`);--> statement-breakpoint
CREATE INDEX `assessments_status_idx` ON `assessments` (`status`);--> statement-breakpoint
CREATE TABLE `countries` (
	`iso3` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`m49` text NOT NULL,
	`region` text,
	`region_code` text,
	`subregion` text,
	`subregion_code` text,
	`intermediate_region` text,
	`intermediate_region_code` text
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` text NOT NULL,
	`revision` integer NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`question` text,
	`before` text,
	`after` text,
	`reason` text,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_assessment_idx` ON `events` (`assessment_id`,`id`);--> statement-breakpoint
CREATE TABLE `frameworks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`version` text NOT NULL,
	`title` text NOT NULL,
	`definition` text NOT NULL,
	`content_hash` text NOT NULL,
	`published_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `frameworks_key_version_uq` ON `frameworks` (`key`,`version`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`actor` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`assessment_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`actor`, `key`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `report_snapshots` (
	`assessment_id` text PRIMARY KEY NOT NULL,
	`arithmetic` text NOT NULL,
	`geometric` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `validated_domain_results` (
	`assessment_id` text NOT NULL,
	`domain` text NOT NULL,
	`score` real,
	`band` text,
	PRIMARY KEY(`assessment_id`, `domain`),
	FOREIGN KEY (`assessment_id`) REFERENCES `validated_results`(`assessment_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `validated_results` (
	`assessment_id` text PRIMARY KEY NOT NULL,
	`country` text NOT NULL,
	`period` text NOT NULL,
	`region` text,
	`subregion` text,
	`composite` real,
	`band` text,
	`validated_at` text NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `validated_results_period_idx` ON `validated_results` (`period`,`country`,`validated_at`);--> statement-breakpoint
CREATE INDEX `validated_results_country_idx` ON `validated_results` (`country`,`period`);