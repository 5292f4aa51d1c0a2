import { Dialog } from '../../components/Dialog';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { ClientForm } from './ClientForm';

/** The form in a dialog over the desk; saving opens the client's card. */
export function ClientFormDialog() {
  const request = useWorkspaceStore((state) => state.form);
  const closeForm = useWorkspaceStore((state) => state.closeForm);
  const openClient = useWorkspaceStore((state) => state.openClient);
  if (!request) return null;
  const title =
    request.mode === 'edit'
      ? `Edit ${`${request.client.firstName} ${request.client.lastName}`.trim()}`
      : 'New client';
  return (
    <Dialog title={title} onClose={closeForm} className="dialog-form">
      <ClientForm
        request={request}
        onCancel={closeForm}
        onSaved={(client) => {
          closeForm();
          openClient(client.id);
        }}
      />
    </Dialog>
  );
}
