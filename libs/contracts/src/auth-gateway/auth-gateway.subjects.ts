import { rpcSubject } from '../rpc/subject';
import { ConfigureSignInRequest, GetSignInRequest, type SignInSettingsView } from './sign-in-settings.dto';

/** Served by the auth-gateway service. */
export const AuthGatewaySubjects = {
  /** Sets how users of an instance sign in (app registration, tenant, flow); checked against credentials. */
  ConfigureSignIn: rpcSubject<ConfigureSignInRequest, SignInSettingsView>(
    'auth-gateway.sign-in.configure',
    ConfigureSignInRequest,
  ),
  GetSignIn: rpcSubject<GetSignInRequest, SignInSettingsView>('auth-gateway.sign-in.get', GetSignInRequest),
} as const;

export const AuthGatewayEvents = {} as const;
