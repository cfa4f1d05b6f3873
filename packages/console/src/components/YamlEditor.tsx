/**
 * @module YamlEditor
 * CodeMirror 6 editor for YAML (or JSON) text. Loaded lazily so CodeMirror stays out of the main chunk.
 */
import CodeMirror from '@uiw/react-codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { json } from '@codemirror/lang-json';
import { useThemeMode } from '../theme/theme';

export interface YamlEditorProps {
  value: string;
  onChange?: (value: string) => void;
  language?: 'yaml' | 'json';
  readOnly?: boolean;
  height?: string;
}

/** The code editor. */
export default function YamlEditor({
  value,
  onChange,
  language = 'yaml',
  readOnly,
  height = '480px',
}: YamlEditorProps) {
  const { mode } = useThemeMode();
  return (
    <CodeMirror
      value={value}
      height={height}
      theme={mode === 'dark' ? 'dark' : 'light'}
      extensions={[language === 'json' ? json() : yaml()]}
      readOnly={readOnly}
      onChange={onChange}
      basicSetup={{ foldGutter: true, lineNumbers: true }}
    />
  );
}
