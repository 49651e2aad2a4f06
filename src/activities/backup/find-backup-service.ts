import { type BackupService } from '../../smartx/index.js';

export function findBackupService(list: BackupService[], name: string): BackupService | undefined {
  return list.find((s) => s.name === name && s.status !== 'FAILED');
}
