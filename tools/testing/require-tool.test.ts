// The CI/non-CI behaviour of requireTool: missing tool → failure in CI, skip elsewhere.
import { describe, expect, it, vi } from 'vitest';
import { inCi, pythonHasModule, requireTool } from './require-tool';

describe('requireTool', () => {
  it('reads CI from the environment', () => {
    expect(inCi({ CI: 'true' })).toBe(true);
    expect(inCi({ CI: '1' })).toBe(true);
    expect(inCi({ CI: 'false' })).toBe(false);
    expect(inCi({ CI: '0' })).toBe(false);
    expect(inCi({})).toBe(false);
  });

  it('does nothing when the tool is there', () => {
    const skip = vi.fn();
    requireTool({ skip }, 'numpy', true, 'apt-get install python3-numpy', { CI: 'true' });
    expect(skip).not.toHaveBeenCalled();
  });

  it('throws in CI when the tool is missing, and never skips', () => {
    const skip = vi.fn();
    expect(() => requireTool({ skip }, 'numpy', false, 'apt-get install python3-numpy', { CI: 'true' })).toThrow(/numpy is not available.*skipped check is a failure/);
    expect(skip).not.toHaveBeenCalled();
  });

  it('skips outside CI when the tool is missing', () => {
    const skip = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    requireTool({ skip }, 'numpy', false, 'apt-get install python3-numpy', {});
    expect(skip).toHaveBeenCalledWith('numpy is not available (apt-get install python3-numpy).');
    warn.mockRestore();
  });

  it('pythonHasModule tells a missing interpreter or module from a present one', () => {
    expect(pythonHasModule(process.execPath.replace(/node$/, 'no-such-python'), 'sys')).toBe(false);
    expect(pythonHasModule('/usr/bin/python3', 'no_such_module_prunelens')).toBe(false);
  });
});
