export { RotationModule } from './rotation.module';
