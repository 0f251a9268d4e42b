// Shapes of the admin API's answers, from its OpenAPI document (generated into ./generated): a field the
// API renames or drops fails the console's typecheck instead of showing nothing at run time.
export type {
  ArchiveUserView,
  CertificateView,
  CredentialTestReply,
  CredentialView,
  DoctorCheckView,
  DoctorRunView,
  GroupView,
  GuideView,
  InstanceView,
  PlainProblem,
  PlanItemView,
  RenewalView,
  SearchGroupsReply,
  SetupView,
  SignInSettingsView,
  SyncConfigurationView,
  SyncRunView,
  WhoAmI as Me,
} from './generated';

/** One page of a list, as every list route answers it (`InstancesPage`, `PlanPage`, ...). */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
