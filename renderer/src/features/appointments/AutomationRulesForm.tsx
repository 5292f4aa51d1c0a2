import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import type { AutomationRules } from '../../../../shared/api/appointments';
import { AUTOMATIONS, type Automation } from '../../../../shared/domain';
import { MERGE_FIELDS, previewTemplate, SAMPLE_VALUES, TEMPLATE_LABELS } from '../../../../shared/templates';
import { call, DeskError } from '../../api';
import { Button } from '../../components/Button';
import { SegmentMeter } from '../../components/SegmentMeter';
import { useDeskQuery } from '../../stores/useDeskQuery';

const RULE_LABELS: Record<Automation, { key: keyof AutomationRules['enabled']; label: string }> = {
  confirmation: { key: 'confirmation', label: 'Confirmation when an appointment is booked' },
  reminder: { key: 'reminder', label: 'Reminder before it starts' },
  thank_you: { key: 'thankYou', label: 'Thank-you after check-out' },
};

/** The automation rules: which texts go, the reminder's lead time, sending hours and the three templates. */
export function AutomationRulesSection() {
  const load = useCallback(() => call('automation.getRules', {}), []);
  const [version, setVersion] = useState(0);
  const rules = useDeskQuery(`automation-rules:${version}`, load);
  const [saved, setSaved] = useState<string | null>(null);
  const headingId = useId();
  return (
    <section className="appointments-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Automation rules</h3>
      {rules.error && <p role="alert">{rules.error}</p>}
      <p className="rules-status" role="status">
        {saved}
      </p>
      {rules.value && (
        <RulesForm
          key={version}
          rules={rules.value}
          onEdit={() => setSaved(null)}
          onSaved={() => {
            setSaved('Rules saved. New texts use them from now on.');
            setVersion((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}

type Templates = Record<Automation, string>;

function RulesForm({ rules, onSaved, onEdit }: { rules: AutomationRules; onSaved(): void; onEdit(): void }) {
  const [enabled, setEnabled] = useState(rules.enabled);
  const [leadHours, setLeadHours] = useState(String(rules.reminderLeadHours));
  const [hoursStart, setHoursStart] = useState(rules.sendingHoursStart);
  const [hoursEnd, setHoursEnd] = useState(rules.sendingHoursEnd);
  const [templates, setTemplates] = useState<Templates>(() => ({
    confirmation: rules.templates.confirmation.text,
    reminder: rules.templates.reminder.text,
    thank_you: rules.templates.thank_you.text,
  }));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  const sample = { ...SAMPLE_VALUES, businessName: rules.businessName };
  // Live: problems and the preview follow every keystroke, counted on the text with sample names filled in.
  const previews = Object.fromEntries(
    AUTOMATIONS.map((automation) => [
      automation,
      previewTemplate(automation, templates[automation], sample, { businessName: rules.businessName }),
    ]),
  ) as Record<Automation, ReturnType<typeof previewTemplate>>;
  const hasProblems = AUTOMATIONS.some((automation) => previews[automation].problems.length > 0);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    if (hasProblems) {
      setStatus('Fix the template problems shown before saving.');
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setSaving(true);
    setFieldErrors({});
    try {
      await call('automation.saveRules', {
        enabled,
        reminderLeadHours: Number(leadHours),
        sendingHoursStart: hoursStart,
        sendingHoursEnd: hoursEnd,
        templates: Object.fromEntries(
          AUTOMATIONS.map((automation) => [
            automation,
            templates[automation] === rules.templates[automation].defaultText ? null : templates[automation],
          ]),
        ),
      });
      onSaved();
    } catch (caught) {
      if (caught instanceof DeskError && caught.field) setFieldErrors({ [caught.field]: caught.message });
      setStatus((caught as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const describedBy = (field: string) => (fieldErrors[field] ? `${id}-${field}-error` : undefined);
  const fieldError = (field: string) =>
    fieldErrors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {fieldErrors[field]}
      </p>
    ) : null;

  return (
    <form ref={formRef} className="client-form rules-form" onSubmit={onSubmit} onChange={onEdit} noValidate>
      <fieldset className="rows">
        <legend>Automated texts</legend>
        {AUTOMATIONS.map((automation) => {
          const { key, label } = RULE_LABELS[automation];
          return (
            <label key={automation} className="check-row">
              <input
                type="checkbox"
                checked={enabled[key]}
                onChange={(event) => setEnabled((previous) => ({ ...previous, [key]: event.target.checked }))}
              />
              {label}
            </label>
          );
        })}
      </fieldset>
      <div className="form-grid rules-grid">
        <div className="field">
          <label htmlFor={`${id}-lead`}>Reminder lead time (hours)</label>
          <input
            id={`${id}-lead`}
            type="number"
            min={1}
            max={336}
            step={1}
            value={leadHours}
            aria-invalid={fieldErrors.reminderLeadHours ? 'true' : undefined}
            aria-describedby={describedBy('reminderLeadHours')}
            onChange={(event) => setLeadHours(event.target.value)}
          />
          {fieldError('reminderLeadHours')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>Sending hours from</label>
          <input
            id={`${id}-from`}
            type="time"
            value={hoursStart}
            aria-invalid={fieldErrors.sendingHoursStart ? 'true' : undefined}
            aria-describedby={describedBy('sendingHoursStart')}
            onChange={(event) => setHoursStart(event.target.value)}
          />
          {fieldError('sendingHoursStart')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Sending hours until</label>
          <input
            id={`${id}-to`}
            type="time"
            value={hoursEnd}
            aria-invalid={fieldErrors.sendingHoursEnd ? 'true' : undefined}
            aria-describedby={describedBy('sendingHoursEnd')}
            onChange={(event) => setHoursEnd(event.target.value)}
          />
          {fieldError('sendingHoursEnd')}
        </div>
      </div>
      <p className="result-meta">
        Automated texts go out only inside sending hours, in the business&rsquo;s time zone ({rules.timeZone}
        ); one due outside them waits until they open. A text held for an opt-in expires when its appointment
        starts (a thank-you {rules.thankYouExpiryDays} days after check-out).
      </p>
      {AUTOMATIONS.map((automation) => {
        const preview = previews[automation];
        const field = `templates.${automation}`;
        const problems = [...preview.problems, ...(fieldErrors[field] ? [fieldErrors[field]] : [])];
        const problemsId = `${id}-${automation}-problems`;
        const previewId = `${id}-${automation}-preview`;
        return (
          <div key={automation} className="field template-field">
            <label htmlFor={`${id}-${automation}`}>{TEMPLATE_LABELS[automation]} template</label>
            <textarea
              id={`${id}-${automation}`}
              rows={3}
              value={templates[automation]}
              aria-invalid={problems.length > 0 ? 'true' : undefined}
              aria-describedby={problems.length > 0 ? `${problemsId} ${previewId}` : previewId}
              onChange={(event) =>
                setTemplates((previous) => ({ ...previous, [automation]: event.target.value }))
              }
            />
            {problems.length > 0 && (
              <ul className="template-problems field-error" id={problemsId}>
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
            <div className="template-preview" id={previewId}>
              <p className="template-preview-label">Preview with sample names:</p>
              {preview.text !== null ? (
                <p className="template-preview-text">{preview.text}</p>
              ) : (
                <p className="result-meta">No preview until the problems are fixed.</p>
              )}
              {preview.segments && <SegmentMeter count={preview.segments} />}
            </div>
            {templates[automation] !== rules.templates[automation].defaultText && (
              <Button
                variant="quiet"
                className="template-reset"
                onClick={() =>
                  setTemplates((previous) => ({
                    ...previous,
                    [automation]: rules.templates[automation].defaultText,
                  }))
                }
              >
                Use the default {TEMPLATE_LABELS[automation].toLowerCase()}
              </Button>
            )}
          </div>
        );
      })}
      <p className="result-meta">
        Merge fields:{' '}
        {Object.keys(MERGE_FIELDS)
          .map((name) => `{${name}}`)
          .join(' ')}
      </p>
      <div className="form-actions">
        {status && (
          <p className="rules-status" role="status">
            {status}
          </p>
        )}
        <Button type="submit" variant="primary" disabled={saving}>
          Save rules
        </Button>
      </div>
    </form>
  );
}
