import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { validatePayload, RpcCallError } from '@archive365/messaging';

/**
 * Validates HTTP bodies and queries with the same DTOs and the same rules as the NATS boundary, so a
 * bad request gets the same error whichever door it came through.
 */
@Injectable()
export class ContractValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype;
    if (
      !dto ||
      metadata.type === 'custom' ||
      [String, Number, Boolean, Object, Array].includes(dto as never)
    ) {
      return value;
    }
    const outcome = await validatePayload(dto as new () => object, value ?? {});
    if (!outcome.ok) {
      throw new RpcCallError(`http.${metadata.type}`, outcome.error);
    }
    return outcome.value;
  }
}
