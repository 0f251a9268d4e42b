import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { AdminApiErrorCode, ErrorCode, type ApiErrorCode, type ProblemDetails } from '@archive365/contracts';
import { ReplySchema } from './reply-schema';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

@ReplySchema<ProblemDetails>('ProblemDetails', "RFC 9457 problem details, with the platform's own members")
export class ProblemDetailsSchema implements ProblemDetails {
  @ApiProperty({ description: 'A URI naming the kind of problem: `urn:archive365:problem:<code>`' })
  type!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: 'integer' })
  status!: number;

  @ApiProperty({ description: 'What was wrong and how to fix it' })
  detail!: string;

  @ApiProperty({ description: 'The request path the problem occurred at' })
  instance!: string;

  @ApiProperty({ enum: [...Object.values(ErrorCode), ...Object.values(AdminApiErrorCode)] })
  code!: ApiErrorCode;

  @ApiPropertyOptional({ description: 'The request field at fault, dotted (`certificate.validityMonths`)' })
  field?: string;

  @ApiPropertyOptional({ description: 'A service-specific reason (`AADSTS700027`, `INSTANCE_ALIAS_TAKEN`)' })
  reason?: string;

  @ApiPropertyOptional({ description: 'What the administrator can do about it' })
  hint?: string;
}

const problem = { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } };

/**
 * The failures every route can answer, as problem details: one declaration for all the controllers
 * (the status of each code comes from `httpStatusOf`).
 */
export function ProblemResponses(): ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsSchema),
    ApiResponse({
      status: '4XX',
      description:
        'The request was refused: 400 invalid (`field` names what), 401 no or an unknown, expired or ' +
        "revoked credential, 403 not allowed, 404 unknown (or outside the token's instances), 409 " +
        'conflicts with the current state, 413 body too large, 429 too many requests (`Retry-After`)',
      content: problem,
    }),
    ApiResponse({
      status: '5XX',
      description: 'A service failed: 502 a dependency (Microsoft, a service), 504 no answer in time, 500',
      content: problem,
    }),
  );
}
