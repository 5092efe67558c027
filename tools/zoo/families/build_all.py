"""Runs every model-family fixture script in this folder (each *.py except this one and the shared
family_common.py), one process each, with Debian's PyTorch stack. Outputs: see each script
(tools/fixtures/onnx/families/<family>/ for most).

    /usr/bin/python3 tools/zoo/families/build_all.py
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = {'build_all.py', 'family_common.py'}


def main():
    scripts = sorted(f for f in os.listdir(HERE) if f.endswith('.py') and f not in SKIP)
    root = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
    failed = []
    for script in scripts:
        print(f'== {script}', flush=True)
        if subprocess.run([sys.executable, os.path.join(HERE, script)], cwd=root).returncode != 0:
            failed.append(script)
    if failed:
        sys.exit(f'failed: {", ".join(failed)}')


if __name__ == '__main__':
    main()
