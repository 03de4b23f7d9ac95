import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The client's WeChat Official Account binding: the openid encrypted, its blind index, a masked
 * copy and when it was bound. One openid reaches one person, so it is unique among the live
 * clients of an organisation; a soft-deleted client's binding no longer counts.
 */
export class ClientWechatBinding1767100000101 implements MigrationInterface {
  name = 'ClientWechatBinding1767100000101';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE client
        ADD COLUMN wechat_open_id_cipher text,
        ADD COLUMN wechat_open_id_hash char(64),
        ADD COLUMN wechat_open_id_masked text,
        ADD COLUMN wechat_bound_at timestamptz,
        ADD CONSTRAINT client_wechat_binding_complete CHECK (
          (wechat_open_id_cipher IS NULL) = (wechat_open_id_hash IS NULL)
          AND (wechat_open_id_hash IS NULL) = (wechat_open_id_masked IS NULL)
          AND (wechat_open_id_hash IS NULL) = (wechat_bound_at IS NULL))`);
    await db.query(
      `CREATE UNIQUE INDEX client_org_wechat_open_id_unique ON client (org_id, wechat_open_id_hash) WHERE deleted_at IS NULL AND wechat_open_id_hash IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX client_org_wechat_open_id_unique`);
    await db.query(`
      ALTER TABLE client
        DROP CONSTRAINT client_wechat_binding_complete,
        DROP COLUMN wechat_bound_at,
        DROP COLUMN wechat_open_id_masked,
        DROP COLUMN wechat_open_id_hash,
        DROP COLUMN wechat_open_id_cipher`);
  }
}
