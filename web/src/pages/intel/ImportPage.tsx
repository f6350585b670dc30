// Import a file into the store as a job: STIX, MISP or CSV (with a preset), a TLP and an audience; then
// the job's live progress, its counts and the paged rejection report (/intel/import/:id).
import { Route, Routes } from 'react-router';
import { ImportForm } from './ImportForm.tsx';
import { ImportList } from './ImportList.tsx';
import { ImportDetail } from './ImportDetail.tsx';

export function ImportPage() {
  return (
    <Routes>
      <Route
        index
        element={
          <div className="intel-import">
            <ImportForm />
            <ImportList />
          </div>
        }
      />
      <Route path=":id" element={<ImportDetail />} />
    </Routes>
  );
}
