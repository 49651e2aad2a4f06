// The test VMs of stage 09, in the order they take addresses from the test range. Pure data, so the
// workflow may import it.
export const TEST_VM_ROLES = ['pat', 'fio'] as const;
export type TestVmRole = (typeof TEST_VM_ROLES)[number];
