import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateCoordinatedCases1796149041613 implements MigrationInterface {
    name = 'CreateCoordinatedCases1796149041613'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "coordinated_case" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "concern_id" uuid,
                "owner_unit_id" uuid NOT NULL,
                "level" smallint NOT NULL,
                "status" text NOT NULL DEFAULT 'open',
                "coordinator_user_id" uuid NOT NULL,
                "coordinator_unit_id" uuid NOT NULL,
                "coordinator_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "opened_by_user_id" uuid NOT NULL,
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "closure_reason" text,
                "closure_other_text" text,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "UQ_aa5f8f83143a2116d20131ee0bf" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_4992d2ef6ae814c0b6cef3c8e30" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_36c4318d5b05a509a6e97b9a96" ON "coordinated_case" ("concern_id")
            WHERE concern_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d38b94f0a1fdeaa1f134566076" ON "coordinated_case" (
                "municipality_id",
                "coordinator_user_id",
                "status"
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_dcb296fa13bfdf5050b5ff1ae1" ON "coordinated_case" ("municipality_id", "child_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "case_level_decision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "from_level" smallint,
                "to_level" smallint NOT NULL,
                "reason" text NOT NULL,
                "child_view" text,
                "meeting_id" uuid,
                "decided_by_user_id" uuid NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_9e07e3436e1096faf5e726a654d" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_a0bf2e74bb810a45cf8806db552" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_de591a9b3cdab903f64a482ead" ON "case_level_decision" ("municipality_id", "case_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "case_participant" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "unit_id" uuid NOT NULL,
                "role" text NOT NULL,
                "staff_user_ids" uuid array NOT NULL DEFAULT '{}',
                "from_on" date NOT NULL,
                "to_on" date,
                "joined_by_user_id" uuid NOT NULL,
                "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "left_at" TIMESTAMP WITH TIME ZONE,
                "left_by_user_id" uuid,
                "left_reason" text,
                CONSTRAINT "UQ_ea2623a2e5f6056f6fa43379904" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_a1f9d5abc2d1fa494ce1aee8599" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0c57816e0916b1343e6b6c8054" ON "case_participant" ("case_id", "unit_id")
            WHERE left_at IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8d408252ec8d67a50d3d88281f" ON "case_participant" ("municipality_id", "case_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "case_access_grant" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "unit_id" uuid NOT NULL,
                "participant_id" uuid NOT NULL,
                "basis" text NOT NULL,
                "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "valid_to" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_db15c5d0743cf420522b5b119fe" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_ff4a368b55e634d13b662df6201" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0b0b53d0912ed3da5f9ccffea1" ON "case_access_grant" ("municipality_id", "case_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_97e7714d7da69e7f80b743f575" ON "case_access_grant" (
                "municipality_id",
                "unit_id",
                "case_id",
                "valid_from",
                "valid_to"
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "case_log_entry" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "text" text NOT NULL,
                "author_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_5ddcf419812b58bdd1de5c3175f" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_e475a91c6f3fec247878988a401" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ead84202b1c4d0648bf69efe42" ON "case_log_entry" ("municipality_id", "case_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "baton_transfer" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "from_user_id" uuid NOT NULL,
                "to_user_id" uuid NOT NULL,
                "to_unit_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "note" text,
                "decline_reason" text,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "answered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_48cff30fc84e46e3ec4427734e4" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_1d29facd1a79b082135db4b733b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f8779c394e40acdcb10baf0f7d" ON "baton_transfer" ("municipality_id", "case_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d7d733e12747f28b9b0e4a5242" ON "baton_transfer" ("municipality_id", "to_user_id", "status")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_381f901ed82048d9f8fb27a6d6" ON "baton_transfer" ("case_id")
            WHERE status = 'pending'
        `);
        await queryRunner.query(`
            CREATE TABLE "coordinator_wish" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "source" text NOT NULL,
                "wish" text NOT NULL,
                "proposed_user_id" uuid,
                "recorded_by_user_id" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_dd7ba86af2b59b27ded16ce52d7" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_f68a0559dadebb17d3a54964112" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9baace9a8d0a3887ddb010ebd4" ON "coordinator_wish" ("municipality_id", "case_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "case_meeting" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "meeting_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "attendee_participant_ids" uuid array NOT NULL DEFAULT '{}',
                "other_attendees" text,
                "agenda" text NOT NULL,
                "decisions" text,
                "next_meeting_on" date,
                "minutes_status" text NOT NULL DEFAULT 'draft',
                "created_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "UQ_ed050bb701525336844360dbe3a" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_cbf031a1c388c17ef7bab00867b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_68e7e02558716a6642bc8e41d7" ON "case_meeting" ("municipality_id", "case_id", "meeting_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "case_goal" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "text" text NOT NULL,
                "achieved" boolean NOT NULL DEFAULT false,
                "created_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "UQ_8925e500c6fb6d0819b425bb9c7" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_bdbb38b50142dadc1c2513ba07f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d287179d58e5ea20d187babd57" ON "case_goal" ("municipality_id", "case_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "case_measure" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "goal_id" uuid,
                "description" text NOT NULL,
                "responsible_participant_id" uuid NOT NULL,
                "evaluation_due_on" date NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "created_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "UQ_c662d285a38abfc07c448df0438" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_43f4e63958ab579fdd171892289" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_665ae64f435478e70a25c6efcb" ON "case_measure" (
                "municipality_id",
                "responsible_participant_id",
                "status",
                "evaluation_due_on"
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_da1efc5e70dfc0ea7433a56174" ON "case_measure" ("municipality_id", "case_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "measure_evaluation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "measure_id" uuid NOT NULL,
                "evaluated_on" date NOT NULL,
                "effect" text NOT NULL,
                "child_view" text NOT NULL,
                "decision" text NOT NULL,
                "note" text,
                "next_evaluation_due_on" date,
                "evaluated_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_cdda8eb1e6318d96712e2ef84ad" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_3ac40a4af9ebd540a098fc68005" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4a946d3270d778a49e56bfe03a" ON "measure_evaluation" ("municipality_id", "measure_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "case_private_note" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "unit_id" uuid NOT NULL,
                "text" text NOT NULL,
                "author_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_de17a0efdf3c9068c7f77118dbc" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_c8f6cf08e42482d1ffb537264f6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bb4ea8346c0701c899c7d48de9" ON "case_private_note" ("municipality_id", "case_id", "unit_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case"
            ADD CONSTRAINT "FK_dcb296fa13bfdf5050b5ff1ae14" FOREIGN KEY ("child_id", "municipality_id") REFERENCES "child"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case"
            ADD CONSTRAINT "FK_f738d9302ecdabf182719f2aeba" FOREIGN KEY ("concern_id", "municipality_id") REFERENCES "concern"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case"
            ADD CONSTRAINT "FK_0dc6c59474f098c038f6f071f1d" FOREIGN KEY ("owner_unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case"
            ADD CONSTRAINT "FK_4eb260ec70d957228ed967e595f" FOREIGN KEY ("coordinator_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case"
            ADD CONSTRAINT "FK_e1cb24da04827d7f03859b90724" FOREIGN KEY ("coordinator_unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_level_decision"
            ADD CONSTRAINT "FK_de591a9b3cdab903f64a482eadb" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_level_decision"
            ADD CONSTRAINT "FK_fbdde21b924eb23602dcd470acb" FOREIGN KEY ("decided_by_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_participant"
            ADD CONSTRAINT "FK_8d408252ec8d67a50d3d88281f8" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_participant"
            ADD CONSTRAINT "FK_c797d1868d9f4a1a36629fe2c26" FOREIGN KEY ("unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant"
            ADD CONSTRAINT "FK_0b0b53d0912ed3da5f9ccffea12" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant"
            ADD CONSTRAINT "FK_ff337873116c5835d64538b9ef2" FOREIGN KEY ("unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant"
            ADD CONSTRAINT "FK_0f6c635c5760864fc4a99d2e738" FOREIGN KEY ("participant_id", "municipality_id") REFERENCES "case_participant"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_log_entry"
            ADD CONSTRAINT "FK_446aa804108cd7c41675efd70e5" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_log_entry"
            ADD CONSTRAINT "FK_1f61472f0c7ebf86f2e69be3b40" FOREIGN KEY ("author_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "baton_transfer"
            ADD CONSTRAINT "FK_f8779c394e40acdcb10baf0f7dc" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "baton_transfer"
            ADD CONSTRAINT "FK_b334df76b6d16ffca00d63c3f14" FOREIGN KEY ("from_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "baton_transfer"
            ADD CONSTRAINT "FK_64841a17885e09257fbfcbe2c11" FOREIGN KEY ("to_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "baton_transfer"
            ADD CONSTRAINT "FK_1855986d669b7eb422833401b5c" FOREIGN KEY ("to_unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinator_wish"
            ADD CONSTRAINT "FK_9baace9a8d0a3887ddb010ebd4e" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinator_wish"
            ADD CONSTRAINT "FK_adfeafa4b3df86fae49856ccb43" FOREIGN KEY ("proposed_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_meeting"
            ADD CONSTRAINT "FK_2a5db5d7ade021cf8ac7f50e1a1" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_goal"
            ADD CONSTRAINT "FK_d287179d58e5ea20d187babd57d" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_measure"
            ADD CONSTRAINT "FK_da1efc5e70dfc0ea7433a561747" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_measure"
            ADD CONSTRAINT "FK_16f0bf47000aeccac6f3e24642f" FOREIGN KEY ("goal_id", "municipality_id") REFERENCES "case_goal"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_measure"
            ADD CONSTRAINT "FK_17395eedfa0618c38d4f2c6b6f7" FOREIGN KEY ("responsible_participant_id", "municipality_id") REFERENCES "case_participant"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "measure_evaluation"
            ADD CONSTRAINT "FK_48f304fe11ead0d303757b750c4" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "measure_evaluation"
            ADD CONSTRAINT "FK_4a946d3270d778a49e56bfe03a6" FOREIGN KEY ("measure_id", "municipality_id") REFERENCES "case_measure"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "measure_evaluation"
            ADD CONSTRAINT "FK_9b7b5816206c5b6a50185a38030" FOREIGN KEY ("evaluated_by_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_private_note"
            ADD CONSTRAINT "FK_b156975846968b5773b3baca554" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_private_note"
            ADD CONSTRAINT "FK_0d18a5c8eb6b1879cc43849fa79" FOREIGN KEY ("unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_private_note"
            ADD CONSTRAINT "FK_64fc76f0ee7ad6a4a5505a03976" FOREIGN KEY ("author_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "case_private_note" DROP CONSTRAINT "FK_64fc76f0ee7ad6a4a5505a03976"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_private_note" DROP CONSTRAINT "FK_0d18a5c8eb6b1879cc43849fa79"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_private_note" DROP CONSTRAINT "FK_b156975846968b5773b3baca554"
        `);
        await queryRunner.query(`
            ALTER TABLE "measure_evaluation" DROP CONSTRAINT "FK_9b7b5816206c5b6a50185a38030"
        `);
        await queryRunner.query(`
            ALTER TABLE "measure_evaluation" DROP CONSTRAINT "FK_4a946d3270d778a49e56bfe03a6"
        `);
        await queryRunner.query(`
            ALTER TABLE "measure_evaluation" DROP CONSTRAINT "FK_48f304fe11ead0d303757b750c4"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_measure" DROP CONSTRAINT "FK_17395eedfa0618c38d4f2c6b6f7"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_measure" DROP CONSTRAINT "FK_16f0bf47000aeccac6f3e24642f"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_measure" DROP CONSTRAINT "FK_da1efc5e70dfc0ea7433a561747"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_goal" DROP CONSTRAINT "FK_d287179d58e5ea20d187babd57d"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_meeting" DROP CONSTRAINT "FK_2a5db5d7ade021cf8ac7f50e1a1"
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinator_wish" DROP CONSTRAINT "FK_adfeafa4b3df86fae49856ccb43"
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinator_wish" DROP CONSTRAINT "FK_9baace9a8d0a3887ddb010ebd4e"
        `);
        await queryRunner.query(`
            ALTER TABLE "baton_transfer" DROP CONSTRAINT "FK_1855986d669b7eb422833401b5c"
        `);
        await queryRunner.query(`
            ALTER TABLE "baton_transfer" DROP CONSTRAINT "FK_64841a17885e09257fbfcbe2c11"
        `);
        await queryRunner.query(`
            ALTER TABLE "baton_transfer" DROP CONSTRAINT "FK_b334df76b6d16ffca00d63c3f14"
        `);
        await queryRunner.query(`
            ALTER TABLE "baton_transfer" DROP CONSTRAINT "FK_f8779c394e40acdcb10baf0f7dc"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_log_entry" DROP CONSTRAINT "FK_1f61472f0c7ebf86f2e69be3b40"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_log_entry" DROP CONSTRAINT "FK_446aa804108cd7c41675efd70e5"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant" DROP CONSTRAINT "FK_0f6c635c5760864fc4a99d2e738"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant" DROP CONSTRAINT "FK_ff337873116c5835d64538b9ef2"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant" DROP CONSTRAINT "FK_0b0b53d0912ed3da5f9ccffea12"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_participant" DROP CONSTRAINT "FK_c797d1868d9f4a1a36629fe2c26"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_participant" DROP CONSTRAINT "FK_8d408252ec8d67a50d3d88281f8"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_level_decision" DROP CONSTRAINT "FK_fbdde21b924eb23602dcd470acb"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_level_decision" DROP CONSTRAINT "FK_de591a9b3cdab903f64a482eadb"
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case" DROP CONSTRAINT "FK_e1cb24da04827d7f03859b90724"
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case" DROP CONSTRAINT "FK_4eb260ec70d957228ed967e595f"
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case" DROP CONSTRAINT "FK_0dc6c59474f098c038f6f071f1d"
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case" DROP CONSTRAINT "FK_f738d9302ecdabf182719f2aeba"
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case" DROP CONSTRAINT "FK_dcb296fa13bfdf5050b5ff1ae14"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bb4ea8346c0701c899c7d48de9"
        `);
        await queryRunner.query(`
            DROP TABLE "case_private_note"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4a946d3270d778a49e56bfe03a"
        `);
        await queryRunner.query(`
            DROP TABLE "measure_evaluation"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_da1efc5e70dfc0ea7433a56174"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_665ae64f435478e70a25c6efcb"
        `);
        await queryRunner.query(`
            DROP TABLE "case_measure"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d287179d58e5ea20d187babd57"
        `);
        await queryRunner.query(`
            DROP TABLE "case_goal"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_68e7e02558716a6642bc8e41d7"
        `);
        await queryRunner.query(`
            DROP TABLE "case_meeting"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9baace9a8d0a3887ddb010ebd4"
        `);
        await queryRunner.query(`
            DROP TABLE "coordinator_wish"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_381f901ed82048d9f8fb27a6d6"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d7d733e12747f28b9b0e4a5242"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f8779c394e40acdcb10baf0f7d"
        `);
        await queryRunner.query(`
            DROP TABLE "baton_transfer"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ead84202b1c4d0648bf69efe42"
        `);
        await queryRunner.query(`
            DROP TABLE "case_log_entry"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_97e7714d7da69e7f80b743f575"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0b0b53d0912ed3da5f9ccffea1"
        `);
        await queryRunner.query(`
            DROP TABLE "case_access_grant"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8d408252ec8d67a50d3d88281f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0c57816e0916b1343e6b6c8054"
        `);
        await queryRunner.query(`
            DROP TABLE "case_participant"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_de591a9b3cdab903f64a482ead"
        `);
        await queryRunner.query(`
            DROP TABLE "case_level_decision"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_dcb296fa13bfdf5050b5ff1ae1"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d38b94f0a1fdeaa1f134566076"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_36c4318d5b05a509a6e97b9a96"
        `);
        await queryRunner.query(`
            DROP TABLE "coordinated_case"
        `);
    }

}
