// Stand-ins for the test VM images of stage 09: small but valid OVA packages (POSIX ustar archives
// holding a DMTF OVF 1.0 descriptor first, then its disk), one for PAT and one for FIO. The disk
// is a sparse stand-in of the size asked for; the descriptor names it with its real size.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** File names `writeSampleTestVmPackages` writes (they match the PAT/FIO name patterns of stage 09). */
export const SAMPLE_TEST_VM_PACKAGES = {
  pat: 'smartx-pat-testvm-1.0.0.ova',
  fio: 'smartx-fio-testvm-1.0.0.ova',
} as const;

interface OvfSpec {
  name: string;
  vcpu: number;
  memoryMiB: number;
  diskFile: string;
  diskBytes: number;
  capacityGiB: number;
}

/** A minimal DMTF OVF 1.0 envelope: one disk file, one VM with CPU, memory, one NIC and the disk. */
export function ovfDescriptor(spec: OvfSpec): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData">
  <References>
    <File ovf:href="${spec.diskFile}" ovf:id="file1" ovf:size="${spec.diskBytes}"/>
  </References>
  <DiskSection>
    <Info>Virtual disks</Info>
    <Disk ovf:capacity="${spec.capacityGiB}" ovf:capacityAllocationUnits="byte * 2^30" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
  </DiskSection>
  <NetworkSection>
    <Info>Networks</Info>
    <Network ovf:name="VM Network"><Description>test network</Description></Network>
  </NetworkSection>
  <VirtualSystem ovf:id="${spec.name}">
    <Info>A test virtual machine</Info>
    <Name>${spec.name}</Name>
    <VirtualHardwareSection>
      <Info>Virtual hardware</Info>
      <Item>
        <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
        <rasd:ElementName>${spec.vcpu} virtual CPU(s)</rasd:ElementName>
        <rasd:InstanceID>1</rasd:InstanceID>
        <rasd:ResourceType>3</rasd:ResourceType>
        <rasd:VirtualQuantity>${spec.vcpu}</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
        <rasd:ElementName>${spec.memoryMiB}MB of memory</rasd:ElementName>
        <rasd:InstanceID>2</rasd:InstanceID>
        <rasd:ResourceType>4</rasd:ResourceType>
        <rasd:VirtualQuantity>${spec.memoryMiB}</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:Connection>VM Network</rasd:Connection>
        <rasd:ElementName>Network adapter 1</rasd:ElementName>
        <rasd:InstanceID>3</rasd:InstanceID>
        <rasd:ResourceSubType>VirtIO</rasd:ResourceSubType>
        <rasd:ResourceType>10</rasd:ResourceType>
      </Item>
      <Item>
        <rasd:ElementName>Hard disk 1</rasd:ElementName>
        <rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>
        <rasd:InstanceID>4</rasd:InstanceID>
        <rasd:ResourceType>17</rasd:ResourceType>
      </Item>
    </VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
`;
}

/** One 512-byte ustar header (name, mode, sizes in octal, checksum over the header with blanks). */
function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512, 0);
  const put = (text: string, at: number, len: number) => h.write(text.slice(0, len), at, len, 'ascii');
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0') + '\0';
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(0, 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

const pad = (size: number) => Buffer.alloc((512 - (size % 512)) % 512, 0);

/** Writes an OVA: the descriptor, then a disk of `diskBytes` (first KiB random, the rest zeros). */
export function writeOva(file: string, name: string, diskBytes: number): void {
  const diskFile = `${name}-disk1.vmdk`;
  const ovf = Buffer.from(
    ovfDescriptor({ name, vcpu: 4, memoryMiB: 8192, diskFile, diskBytes, capacityGiB: 40 }),
  );
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, tarHeader(`${name}.ovf`, ovf.length));
    writeSync(fd, ovf);
    writeSync(fd, pad(ovf.length));
    writeSync(fd, tarHeader(diskFile, diskBytes));
    const head = randomBytes(Math.min(diskBytes, 1024));
    writeSync(fd, head);
    const zeros = Buffer.alloc(1 << 20, 0);
    for (let left = diskBytes - head.length; left > 0; left -= zeros.length)
      writeSync(fd, zeros, 0, Math.min(left, zeros.length));
    writeSync(fd, pad(diskBytes));
    writeSync(fd, Buffer.alloc(1024, 0)); // two zero blocks end the archive
  } finally {
    closeSync(fd);
  }
}

/** The PAT and FIO OVA stand-ins in `dir`; returns the names written. */
export function writeSampleTestVmPackages(dir: string, diskBytes = 5 * 1024 * 1024 + 321): string[] {
  mkdirSync(dir, { recursive: true });
  writeOva(path.join(dir, SAMPLE_TEST_VM_PACKAGES.pat), 'smartx-pat-testvm', diskBytes);
  writeOva(path.join(dir, SAMPLE_TEST_VM_PACKAGES.fio), 'smartx-fio-testvm', diskBytes);
  return [SAMPLE_TEST_VM_PACKAGES.pat, SAMPLE_TEST_VM_PACKAGES.fio];
}
