export { SignaturesModule } from './signatures.module';
