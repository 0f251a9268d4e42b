import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { NewCredentialFields, Subjects, type CredentialView } from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';
import { credentialNotFound } from '../auth/out-of-scope';
import { GlobalRoute } from '../auth/route-access.decorator';
import { PageQuery, pageOf, type Page } from '../pagination/page';
import { ProblemResponses } from '../openapi/problem-responses';
import { CredentialIdParam } from './credentials-http.dto';
import { CredentialsPage, CredentialViewSchema } from './credentials-http.replies';
import { CREDENTIAL_WRITE_TIMEOUT_MS, IdempotencyKeyHeader, retryable } from './retryable-write';

/**
 * The hosting provider's own credential: its multi-tenant app, which every instance's consent link
 * names. It belongs to no instance, so only a caller with every instance in scope manages it. Once
 * created it is used like any credential through `/api/credentials/{id}` (the `.cer` to upload to the
 * provider's app registration, test, rotation), where callers limited to some instances get 404.
 */
@ProblemResponses()
@Controller('api/provider/credentials')
export class ProviderCredentialsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @GlobalRoute()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: CredentialViewSchema })
  create(
    @Body() body: NewCredentialFields,
    @Headers('idempotency-key') clientKey?: string,
  ): Promise<CredentialView> {
    return retryable(clientKey, (idempotencyKey) =>
      this.rpc.send(
        Subjects.CreateProviderCredential,
        { ...body, idempotencyKey },
        { timeoutMs: CREDENTIAL_WRITE_TIMEOUT_MS },
      ),
    );
  }

  @Get()
  @GlobalRoute()
  @ApiOkResponse({ type: CredentialsPage })
  async list(@Query() query: PageQuery): Promise<Page<CredentialView>> {
    return pageOf(await this.rpc.send(Subjects.ListProviderCredentials, {}), query);
  }

  /** An instance's credential is not found here: this route answers the provider's only. */
  @Get(':id')
  @GlobalRoute()
  @ApiOkResponse({ type: CredentialViewSchema })
  async get(@Param() { id }: CredentialIdParam): Promise<CredentialView> {
    const credential = await this.rpc.send(Subjects.GetCredential, { credentialId: id });
    if (credential.owner !== 'provider') throw credentialNotFound(id);
    return credential;
  }
}
