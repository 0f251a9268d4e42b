import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  ImportCredentialFields,
  NewCredentialFields,
  Subjects,
  RotationFields,
  UpdateCredentialFields,
  type CredentialTestReply,
  type CredentialView,
  type DeletedReply,
  type SyncProfileView,
} from '@archive365/contracts';
import { RpcClient, sendSealedImport } from '@archive365/messaging';
import type { Response } from 'express';
import { CredentialRoute, InstanceRoute } from '../auth/route-access.decorator';
import { PageQuery, pageOf, type Page } from '../pagination/page';
import { CREDENTIAL_WRITE_TIMEOUT_MS, IdempotencyKeyHeader, retryable } from './retryable-write';
import {
  AssignSyncCredentialBody,
  CertificateDownloadQuery,
  CredentialIdParam,
  InstanceAliasParam,
} from './credentials-http.dto';
import {
  CredentialTestReplySchema,
  CredentialViewSchema,
  CredentialsPage,
  DeletedReplySchema,
  SyncProfileViewSchema,
} from './credentials-http.replies';
import { ProblemResponses } from '../openapi/problem-responses';

/** Credentials of archive instances; owned by the credentials service, reached over NATS. */
@ProblemResponses()
@Controller('api')
export class CredentialsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('instances/:alias/credentials')
  @InstanceRoute()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: CredentialViewSchema })
  create(
    @Param() { alias }: InstanceAliasParam,
    @Body() body: NewCredentialFields,
    @Headers('idempotency-key') clientKey?: string,
  ): Promise<CredentialView> {
    return retryable(clientKey, (idempotencyKey) =>
      this.rpc.send(
        Subjects.CreateCredential,
        { ...body, instanceAlias: alias, idempotencyKey },
        { timeoutMs: CREDENTIAL_WRITE_TIMEOUT_MS },
      ),
    );
  }

  @Post('instances/:alias/credentials/import')
  @InstanceRoute()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: CredentialViewSchema })
  import(
    @Param() { alias }: InstanceAliasParam,
    @Body() body: ImportCredentialFields,
    @Headers('idempotency-key') clientKey?: string,
  ): Promise<CredentialView> {
    // The key material is sealed to the credentials service before it leaves this process.
    return retryable(clientKey, (idempotencyKey) =>
      sendSealedImport(
        this.rpc,
        { ...body, instanceAlias: alias, idempotencyKey },
        { timeoutMs: CREDENTIAL_WRITE_TIMEOUT_MS },
      ),
    );
  }

  @Get('instances/:alias/credentials')
  @InstanceRoute()
  @ApiOkResponse({ type: CredentialsPage })
  async list(
    @Param() { alias }: InstanceAliasParam,
    @Query() query: PageQuery,
  ): Promise<Page<CredentialView>> {
    return pageOf(await this.rpc.send(Subjects.ListCredentials, { instanceAlias: alias }), query);
  }

  @Put('instances/:alias/sync/credential')
  @InstanceRoute()
  @ApiOkResponse({ type: SyncProfileViewSchema })
  assignToSync(
    @Param() { alias }: InstanceAliasParam,
    @Body() body: AssignSyncCredentialBody,
  ): Promise<SyncProfileView> {
    return this.rpc.send(Subjects.AssignSyncCredential, {
      instanceAlias: alias,
      credentialId: body.credentialId,
    });
  }

  @Get('credentials/:id')
  @CredentialRoute()
  @ApiOkResponse({ type: CredentialViewSchema })
  get(@Param() { id }: CredentialIdParam): Promise<CredentialView> {
    return this.rpc.send(Subjects.GetCredential, { credentialId: id });
  }

  @Patch('credentials/:id')
  @CredentialRoute()
  @ApiOkResponse({ type: CredentialViewSchema })
  update(@Param() { id }: CredentialIdParam, @Body() body: UpdateCredentialFields): Promise<CredentialView> {
    return this.rpc.send(Subjects.UpdateCredential, { ...body, credentialId: id });
  }

  @Delete('credentials/:id')
  @CredentialRoute()
  @ApiOkResponse({ type: DeletedReplySchema })
  delete(@Param() { id }: CredentialIdParam): Promise<DeletedReply> {
    return this.rpc.send(Subjects.DeleteCredential, { credentialId: id });
  }

  /** The public certificate as a file: `.cer` (DER, what the Azure portal uploads) or `.pem`. */
  @Get('credentials/:id/certificate')
  @CredentialRoute()
  @ApiOkResponse({
    description:
      'The certificate file (`.cer`): DER, or PEM text; its thumbprints in `X-Thumbprint-SHA1` and `X-Thumbprint-SHA256`',
    content: {
      'application/pkix-cert': { schema: { type: 'string', format: 'binary' } },
      'application/x-pem-file': { schema: { type: 'string' } },
    },
  })
  async certificate(
    @Param() { id }: CredentialIdParam,
    @Query() query: CertificateDownloadQuery,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.rpc.send(Subjects.DownloadCertificate, {
      credentialId: id,
      format: query.format ?? 'der',
      which: query.which,
    });
    response
      .status(200)
      .setHeader('Content-Type', file.contentType)
      .setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .setHeader('X-Thumbprint-SHA1', file.thumbprintSha1)
      .setHeader('X-Thumbprint-SHA256', file.thumbprintSha256)
      .end(Buffer.from(file.contentBase64, 'base64'));
  }

  @Post('credentials/:id/rotation')
  @CredentialRoute()
  @ApiCreatedResponse({ type: CredentialViewSchema })
  startRotation(@Param() { id }: CredentialIdParam, @Body() body: RotationFields): Promise<CredentialView> {
    return this.rpc.send(
      Subjects.StartRotation,
      { credentialId: id, certificate: body.certificate },
      { timeoutMs: 30000 },
    );
  }

  @Post('credentials/:id/rotation/complete')
  @CredentialRoute()
  @HttpCode(200)
  @ApiOkResponse({ type: CredentialViewSchema })
  completeRotation(@Param() { id }: CredentialIdParam): Promise<CredentialView> {
    return this.rpc.send(Subjects.CompleteRotation, { credentialId: id }, { timeoutMs: 30000 });
  }

  @Post('credentials/:id/rotation/retire')
  @CredentialRoute()
  @HttpCode(200)
  @ApiOkResponse({ type: CredentialViewSchema })
  retire(@Param() { id }: CredentialIdParam): Promise<CredentialView> {
    return this.rpc.send(Subjects.RetireCertificate, { credentialId: id });
  }

  @Post('credentials/:id/rotation/abort')
  @CredentialRoute()
  @HttpCode(200)
  @ApiOkResponse({ type: CredentialViewSchema })
  abortRotation(@Param() { id }: CredentialIdParam): Promise<CredentialView> {
    return this.rpc.send(Subjects.AbortRotation, { credentialId: id });
  }

  /** A fresh token request with the credential: whether it works and what it is granted, never the token. */
  @Post('credentials/:id/test')
  @CredentialRoute()
  @HttpCode(200)
  @ApiOkResponse({ type: CredentialTestReplySchema })
  test(@Param() { id }: CredentialIdParam): Promise<CredentialTestReply> {
    return this.rpc.send(Subjects.TestCredential, { credentialId: id }, { timeoutMs: 30000 });
  }
}
