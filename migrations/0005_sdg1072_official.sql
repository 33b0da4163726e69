CREATE TABLE `validated_sdg1072_official` (
	`assessment_id` text NOT NULL,
	`domain` integer NOT NULL,
	`value` real NOT NULL,
	`category` integer NOT NULL,
	PRIMARY KEY(`assessment_id`, `domain`),
	FOREIGN KEY (`assessment_id`) REFERENCES `validated_sdg1072_official_responses`(`assessment_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `validated_sdg1072_official_responses` (
	`assessment_id` text PRIMARY KEY NOT NULL,
	`country` text NOT NULL,
	`period` text NOT NULL,
	`validated_at` text NOT NULL,
	`region_code` text,
	`subregion_code` text,
	`intermediate_region_code` text,
	`sdg_region_code` text,
	FOREIGN KEY (`assessment_id`) REFERENCES `validated_results`(`assessment_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `validated_sdg1072_official_latest_idx` ON `validated_sdg1072_official_responses` (`country`,`period`,`validated_at`,`assessment_id`);