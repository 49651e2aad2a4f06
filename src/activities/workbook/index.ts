// Writing back to the planning workbook: the serials read by stages 3, 8 and 9.
export { writeSerialsToWorkbook } from './write-serials-to-workbook.js';
