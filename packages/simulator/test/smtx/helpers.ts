// What the SMTX OS, SSH and core tests share: the HTTP drivers of the public testing API and a
// simulator on high ports.
export * from '../../src/testing/index.js';
export { startTestSim } from '../helpers/lab.js';

/** One file part (`file`) of a multipart/form-data body with boundary `b0undary`. */
export function fileForm(data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--b0undary\r\nContent-Disposition: form-data; name="file"; filename="blob"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from('\r\n--b0undary--\r\n'),
  ]);
}
