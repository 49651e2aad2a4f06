export { probeTcpPorts } from './network-probe.js';
