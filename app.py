"""Entry point: `streamlit run app.py`. The app itself (navigation over pages/, the shared
sidebar filters) lives in cchc/shell.py so that a page opened by a deep link runs inside it."""

from cchc import shell

shell.run_app()
