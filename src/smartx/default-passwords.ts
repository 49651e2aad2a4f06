// The appliances' factory credentials, in one place (FACTS.md, seed 003). They are the products'
// published defaults, not plan secrets: bring-up uses each only until it has set the workbook's.
// The simulator keeps its own copies on purpose: it plays the appliance and must not follow the client.

/** root/smartx password of every SMTX OS host right after a deploy. */
export const SMTX_DEFAULT_PASSWORD = 'P@ssw0rd!123';
/** The installer's fixed ciphertext of SMTX_DEFAULT_PASSWORD, as the deploy body carries it. */
export const SMTX_DEFAULT_PASSWORD_CIPHER = 'c+G6KvJYsKyQyY4U';

/**
 * A fresh CloudTower's fixed password: of the SSH user `cloudtower`, and the factory password of the
 * `root` web user that seed 003 creates with an encoded constant (FACTS.md: the constant is
 * `HC!r0cks`). The setup step changes root's to the workbook's; later stages log in with that.
 */
export const CLOUDTOWER_FACTORY_ROOT_PASSWORD = 'HC!r0cks';

/** HTTP Basic credential of the Observability (OVM) operator: a fixed product credential (seed 003). */
export const OBS_OPERATOR_USER = 'o11y';
export const OBS_OPERATOR_PASSWORD = 'HC!r0cks';
