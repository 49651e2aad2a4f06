// Facts of the CloudTower VM that the installer activity and the deploy service both need
// (seed 003 §04: the installer runs as `cloudtower` under nohup in that user's home).

/** The CloudTower VM's SSH user (its password is the factory one: default-passwords.ts). */
export const CLOUDTOWER_SSH_USER = 'cloudtower';

/** The CloudTower installer's log, followed by offset while it runs. */
export const CLOUDTOWER_INSTALLER_LOG = '/home/cloudtower/nohup.out';
