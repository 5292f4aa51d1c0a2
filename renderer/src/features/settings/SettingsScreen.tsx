import type { ReactNode } from 'react';
import type { CarrierSettings as CarrierView } from '../../../../shared/api/carrier';
import type { DeskSettings, TemplateView } from '../../../../shared/api/settings';
import { call } from '../../api';
import { BusinessSettings } from './BusinessSettings';
import { CarrierSettings } from './CarrierSettings';
import { LedgerExport } from './LedgerExport';
import { StaffSettings } from './StaffSettings';
import { TemplateEditor } from './TemplateEditor';
import { useLoaded, type Loaded } from './useLoaded';

/** Everything a desk sets once and rarely touches, in sections with their own Save. */
export function SettingsScreen() {
  const [settings, setSettings] = useLoaded(() => call('settings.get', {}));
  const [carrier, setCarrier] = useLoaded(() => call('carrier.getSettings', {}));
  const [templates, setTemplates] = useLoaded(() => call('templates.list', {}));

  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <header className="screen-header">
        <div>
          <h2 id="settings-title">Settings</h2>
          <p className="screen-intro">
            Business details, who works the desk, the carrier, and the texts the app sends.
          </p>
        </div>
      </header>

      <SettingsSection
        id="business"
        title="Business"
        intro="Clients see these details in the opt-in request and the HELP answer."
      >
        <Ready state={settings}>
          {(value) => (
            <BusinessSettings
              settings={value}
              onSaved={(next) => {
                setSettings(next);
                // The previews are filled in with the business details just saved.
                void call('templates.list', {}).then(setTemplates, () => undefined);
              }}
            />
          )}
        </Ready>
      </SettingsSection>

      <SettingsSection
        id="staff"
        title="Staff at this desk"
        intro="Pick who is at the desk in the top bar; the consent ledger records that name whenever a person acts."
      >
        <Ready state={settings}>{(value) => <StaffSettings settings={value} onSaved={setSettings} />}</Ready>
      </SettingsSection>

      <SettingsSection id="carrier" title="Carrier" intro="Telnyx sends and receives the texts.">
        <Ready state={carrier}>
          {(carrierValue) => (
            <Ready state={settings}>
              {(settingsValue) => (
                <CarrierSettings
                  carrier={carrierValue}
                  settings={settingsValue}
                  onCarrier={setCarrier}
                  onSettings={setSettings}
                />
              )}
            </Ready>
          )}
        </Ready>
      </SettingsSection>

      <SettingsSection
        id="templates"
        title="The app’s own texts"
        intro="The opt-in request must tell clients to reply YES, STOP or HELP; no text may ask for a reply that reads as an opt-out."
      >
        <Ready state={templates}>
          {(list: TemplateView[]) => (
            <div className="template-list">
              {list.map((template) => (
                <TemplateEditor
                  key={template.kind}
                  template={template}
                  onSaved={(next) =>
                    setTemplates(list.map((other) => (other.kind === next.kind ? next : other)))
                  }
                />
              ))}
            </div>
          )}
        </Ready>
      </SettingsSection>

      <SettingsSection id="records" title="Records">
        <LedgerExport />
      </SettingsSection>
    </section>
  );
}

function SettingsSection({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  return (
    <section className="settings-section" aria-labelledby={`settings-${id}`}>
      <h3 id={`settings-${id}`}>{title}</h3>
      {intro && <p className="settings-intro">{intro}</p>}
      {children}
    </section>
  );
}

function Ready<T>({ state, children }: { state: Loaded<T>; children(value: T): ReactNode }) {
  if (state.status === 'loading')
    return (
      <p className="field-hint" aria-busy="true">
        Reading…
      </p>
    );
  if (state.status === 'error')
    return (
      <p className="form-error" role="alert">
        {state.message}
      </p>
    );
  return <>{children(state.value)}</>;
}

export type { DeskSettings, CarrierView };
