export { ImportSealingModule } from './import-sealing.module';
export { ImportSealingService } from './import-sealing.service';
