CREATE TABLE `validated_sdg1072_results` (
	`assessment_id` text NOT NULL,
	`domain` integer NOT NULL,
	`score` real,
	`category` text,
	PRIMARY KEY(`assessment_id`, `domain`),
	FOREIGN KEY (`assessment_id`) REFERENCES `validated_results`(`assessment_id`) ON UPDATE no action ON DELETE no action
);
