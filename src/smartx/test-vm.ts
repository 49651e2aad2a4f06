// The login of the stage 09 test VM images (PAT and FIO). The images are prepared by SmartX's field
// team; the account below is what this tool expects them to carry (docs/decisions.md "Test load and
// performance"): root over SSH with the appliances' usual factory password. Never logged.
export const TEST_VM_SSH_USER = 'root';
export const TEST_VM_FACTORY_PASSWORD = 'HC!r0cks';
