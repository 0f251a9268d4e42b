export { ImportSealingHandler } from './import-sealing.handler';
export { ImportSealingService } from './import-sealing.service';
