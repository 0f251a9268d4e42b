/** What names a credential and its app registration: asked alike by the create and the import forms. */
export type CredentialFields = { name: string; clientId: string; tenantId: string };

export const EMPTY_CREDENTIAL_FIELDS: CredentialFields = { name: '', clientId: '', tenantId: '' };

/** The three inputs, labelled; `idPrefix` keeps their ids apart when both forms are on the page. */
export function CredentialFieldInputs({
  idPrefix,
  fields,
  onChange,
}: {
  idPrefix: string;
  fields: CredentialFields;
  onChange: (fields: CredentialFields) => void;
}) {
  const set = (name: keyof CredentialFields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...fields, [name]: event.target.value });
  return (
    <>
      <label htmlFor={`${idPrefix}-name`}>Name</label>
      <input id={`${idPrefix}-name`} required value={fields.name} onChange={set('name')} />
      <label htmlFor={`${idPrefix}-client`}>Application (client) ID</label>
      <input id={`${idPrefix}-client`} required value={fields.clientId} onChange={set('clientId')} />
      <label htmlFor={`${idPrefix}-tenant`}>Tenant ID</label>
      <input id={`${idPrefix}-tenant`} required value={fields.tenantId} onChange={set('tenantId')} />
    </>
  );
}
