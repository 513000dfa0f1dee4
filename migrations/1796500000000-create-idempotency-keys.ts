import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `Idempotency-Key`s of creates (SECURITY.md S23; apps/api/src/http/idempotency.ts). One row per
 * municipality, user and hash of the key, written in the same transaction as the record it made. Under
 * row-level security, enabled and forced: a user reads and writes only their own keys in the acting
 * municipality (`stafett.municipality_id`, `stafett.user_id`, set by ActingTransactions), so one user's
 * key is never another's, and with nobody acting the app role sees no row. The app role's grants are
 * the default privileges (create-app-role); with no DELETE policy it deletes no row (an old key is
 * overwritten on reuse instead).
 */
const own = `municipality_id = stafett_current_uuid('stafett.municipality_id') AND user_id = stafett_current_uuid('stafett.user_id')`;

export class CreateIdempotencyKeys1796500000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "idempotency_key" (
                "municipality_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "key_hash" text NOT NULL,
                "method" text NOT NULL,
                "route" text NOT NULL,
                "request_hash" text NOT NULL,
                "resource_type" text NOT NULL,
                "resource_id" uuid NOT NULL,
                "response_status" smallint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_00e6e55edbe81f6aaefc1d92add" PRIMARY KEY ("municipality_id", "user_id", "key_hash")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "idempotency_key"
            ADD CONSTRAINT "FK_287ebb11905333f922e624fd94f" FOREIGN KEY ("user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY stafett_read ON idempotency_key FOR SELECT TO stafett_app USING (${own})`);
    await queryRunner.query(`CREATE POLICY stafett_insert ON idempotency_key FOR INSERT TO stafett_app WITH CHECK (${own})`);
    await queryRunner.query(`CREATE POLICY stafett_update ON idempotency_key FOR UPDATE TO stafett_app USING (${own}) WITH CHECK (${own})`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const policy of ['stafett_update', 'stafett_insert', 'stafett_read']) await queryRunner.query(`DROP POLICY ${policy} ON idempotency_key`);
    await queryRunner.query(`
            ALTER TABLE "idempotency_key" DROP CONSTRAINT "FK_287ebb11905333f922e624fd94f"
        `);
    await queryRunner.query(`
            DROP TABLE "idempotency_key"
        `);
  }
}
