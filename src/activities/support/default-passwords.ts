/**
 * The fixed password of a fresh CloudTower: SSH user `cloudtower`, and the factory password of the
 * `root` web user that seed 003 creates with an encoded constant (FACTS.md: the constant is
 * `HC!r0cks`). The setup step changes root's to the workbook's; later stages log in with that.
 */
export const CLOUDTOWER_DEFAULT_PASSWORD = 'HC!r0cks';
