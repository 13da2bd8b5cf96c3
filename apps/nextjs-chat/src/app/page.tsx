import { Chat } from '../components/chat';

// The badge depends on how the server was started, so render per request.
export const dynamic = 'force-dynamic';

export default function Page() {
  return <Chat backend={process.env.APIFREE_SIMULATOR === '1' ? 'simulator' : 'apifree'} />;
}
