import { useEffect, useId, useState } from 'react';
import type { TemplateView } from '../../../../shared/api/settings';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { SegmentMeter } from '../../components/SegmentMeter';
import { errorsFrom } from './field-errors';
import { SaveLine, type SaveState } from './SaveLine';

/** Long enough not to ask on every key, short enough that problems show while the hands are still on the keys. */
const PREVIEW_DEBOUNCE_MS = 250;

type Preview = TemplateView['preview'];

/**
 * One of the app's own texts: edited with its problems shown as it is typed (checked by the desk, which knows
 * the rules), and previewed filled in with this business's details, counted as it will be sent.
 */
export function TemplateEditor({
  template,
  onSaved,
}: {
  template: TemplateView;
  onSaved(next: TemplateView): void;
}) {
  const ids = useId();
  const [text, setText] = useState(template.text);
  const [preview, setPreview] = useState<{ text: string; value: Preview }>({
    text: template.text,
    value: template.preview,
  });
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  // New business details change every preview: take the fresh one, unless staff are editing this text.
  const [shown, setShown] = useState(template);
  if (shown !== template) {
    setShown(template);
    if (text === shown.text) {
      setText(template.text);
      setPreview({ text: template.text, value: template.preview });
    }
  }

  useEffect(() => {
    if (text === preview.text) return;
    let current = true;
    const timer = window.setTimeout(() => {
      call('templates.preview', { kind: template.kind, text }).then(
        (value) => {
          if (current) setPreview({ text, value });
        },
        (error: unknown) => {
          if (current)
            setPreview({ text, value: { text: null, segments: null, problems: [(error as Error).message] } });
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [text, preview.text, template.kind]);

  const problems = preview.value.problems;
  const upToDate = preview.text === text;
  const changed = text !== template.text;

  const store = async (value: string | null) => {
    setSave({ status: 'saving' });
    try {
      const next = await call('templates.save', { kind: template.kind, text: value });
      setText(next.text);
      setPreview({ text: next.text, value: next.preview });
      setSave({ status: 'saved', text: value === null ? 'Back to the default text.' : 'Template saved.' });
      onSaved(next);
    } catch (error) {
      const found = errorsFrom(error);
      setSave({ status: 'failed', text: found.fields.text ?? found.form ?? 'Not saved.' });
    }
  };

  return (
    <div className="template-editor" data-template={template.kind}>
      <div className="template-head">
        <label htmlFor={`${ids}-text`} className="template-label">
          {template.label}
        </label>
        <span className="template-state">{template.isDefault && !changed ? 'Default text' : 'Edited'}</span>
      </div>
      <textarea
        id={`${ids}-text`}
        rows={4}
        maxLength={1000}
        value={text}
        aria-invalid={upToDate && problems.length > 0 ? true : undefined}
        aria-describedby={`${ids}-problems`}
        onChange={(event) => {
          setText(event.target.value);
          setSave({ status: 'idle' });
        }}
      />
      <div id={`${ids}-problems`} className="template-problems" aria-live="polite">
        {problems.length > 0 && (
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        {problems.length === 0 && upToDate && <p className="check-ok">Keeps the rules.</p>}
      </div>
      {preview.value.text !== null && (
        <div className="template-preview">
          <p className="template-preview-title">As a client receives it</p>
          <p className="template-preview-text">{preview.value.text}</p>
          {preview.value.segments && <SegmentMeter count={preview.value.segments} />}
        </div>
      )}
      <div className="settings-actions">
        <SaveLine state={save} />
        {!template.isDefault && (
          <Button onClick={() => void store(null)} disabled={save.status === 'saving'}>
            Use the default
          </Button>
        )}
        <Button
          variant="primary"
          onClick={() => void store(text)}
          disabled={save.status === 'saving' || !changed || (upToDate && problems.length > 0)}
        >
          Save {template.label.toLowerCase()}
        </Button>
      </div>
    </div>
  );
}
