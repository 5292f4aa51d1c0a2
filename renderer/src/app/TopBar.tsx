import { Button } from '../components/Button';
import { useDeskStore } from '../stores/desk-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { Navigation } from './Navigation';

/** Brand and business, the screens, adding a client, and who is at the desk. */
export function TopBar() {
  const info = useDeskStore((state) => state.info);
  const openNewClientForm = useWorkspaceStore((state) => state.openNewClientForm);
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-name">FrontDesk SMS</span>
        {info && <span className="brand-business">{info.businessName}</span>}
      </div>
      <Navigation />
      <div className="top-bar-actions">
        <Button variant="primary" onClick={openNewClientForm} disabled={!info}>
          New client
        </Button>
        <StaffPicker />
      </div>
    </header>
  );
}

/** Who is at the desk: sent with every call, so the ledger records who acted. */
function StaffPicker() {
  const info = useDeskStore((state) => state.info);
  const staffName = useDeskStore((state) => state.staffName);
  const chooseStaff = useDeskStore((state) => state.chooseStaff);
  if (!info || staffName === null) return null;
  if (info.staffNames.length < 2) {
    return <span className="staff-name">At the desk: {staffName}</span>;
  }
  return (
    <label className="staff-picker">
      At the desk
      <select value={staffName} onChange={(event) => chooseStaff(event.target.value)}>
        {info.staffNames.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
