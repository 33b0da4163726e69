PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_events` (
	`id` integer PRIMARY KEY NOT NULL,
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
INSERT INTO `__new_events`("id", "assessment_id", "revision", "type", "actor", "at", "question", "before", "after", "reason") SELECT "id", "assessment_id", "revision", "type", "actor", "at", "question", "before", "after", "reason" FROM `events`;--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `events_assessment_idx` ON `events` (`assessment_id`,`id`);