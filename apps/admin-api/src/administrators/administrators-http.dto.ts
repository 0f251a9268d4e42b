import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

export class NewAdministratorBody {
  /** The person's object id in the provider's tenant (Entra admin center: Users > the user > Object ID). */
  @IsUUID('all', { message: "objectId must be the user's object id (a GUID) in the provider's tenant" })
  objectId!: string;

  @IsString()
  @IsNotEmpty({ message: 'displayName must not be empty' })
  @MaxLength(200)
  displayName!: string;
}

export class AdministratorIdParam {
  @IsUUID('all', { message: 'id must be an administrator id (GUID)' })
  id!: string;
}

export interface AdministratorView {
  id: string;
  tenantId: string;
  objectId: string;
  displayName: string;
  createdBy: string;
  createdAt: string;
}
