import BillingModel

/// The rules in the help article's own language (Indonesian), for `rules <id> --lang id` and
/// `explain --lang id` (SPEC §8 "the customer's language").
extension Rule {
  /// The article's original sentence for the rule, quoted as it stands; nil where the article
  /// is silent (most P rules, this project's choices).
  package var articleSentence: String? {
    switch self {
    case .r1:
      "Saat memutuskan untuk meningkatkan ke paket berbayar, Anda harus mengidentifikasi tiga hal. Ruang mana yang Anda ingin tingkatkan: Ruang kerja, Tim dalam organisasi, Seluruh organisasi."
    case .r2: "Paket tahunan menerima diskon setara dua bulan."
    case .r3:
      "Meningkatkan ruang kerja atau organisasi, Anda harus meningkatkan semua anggota dalam organisasi atau ruang kerja"
    case .r4: "Meningkatkan tim dalam Organisasi, Anda hanya meningkatkan untuk Anggota dalam tim"
    case .r5:
      "Kami menawarkan paket 2, 3, 4, dan 5 kursi untuk memenuhi kebutuhan tim yang lebih kecil. Kami tidak menawarkan langganan berbayar untuk paket 1 pengguna."
    case .r6:
      "Jika Anda meningkatkan organisasi, Anda membayar untuk setiap anggota dalam organisasi; seluruh organisasi dan semua tim dalam organisasi dapat memanfaatkan fitur berbayar ini."
    case .r7:
      "Namun, langganan tidak dapat dialihkan di antara Ruang Kerja dan Organisasi yang berbeda. Jika Anda meningkatkan Ruang Kerja yang salah, batalkan dahulu, kemudian tingkatkan Ruang Kerja yang benar."
    case .r8: "Hubungi Tim penjualan jika Anda berminat meningkatkan beberapa tim sekaligus."
    case .r9:
      "Anda dapat memilih antara paket Asana Starter, Advanced, Enterprise, atau Enterprise+. Jika Anda menemui kendala saat meningkatkan, hubungi Tim dukungan kami."
    case .r10:
      "Jika Anda berada di suatu organisasi, Anda perlu menentukan apakah ingin meningkatkan seluruh organisasi, satu tim tertentu, atau sekelompok tim di bawah satu divisi."
    case .r11:
      "Selama proses peningkatan, Anda dapat menunjuk diri Anda atau salah satu kolega sebagai pemilik tagihan langganan Anda. Pemilik tagihan harus Anggota dari Ruang Kerja yang ditingkatkan."
    case .r12: "Kami menawarkan pembayaran faktur untuk paket tahunan 20 Anggota atau lebih."
    case .r13:
      "Secara otomatis akan menjadi admin di organisasi Premium, Business, atau Enterprise dan dapat menunjuk admin lain"
    case .r14:
      "Hanya pemilik tagihan yang dapat memperbarui informasi penagihan, mengubah langganan, mengalihkan Kepemilikan Penagihan, melihat penggunaan kursi, dan mengunduh faktur."
    case .r15: "Dapat menunjuk kembali Anggota lain sebagai pemilik tagihan"
    case .r16: "Menerima salinan faktur terbaru pada setiap siklus penagihan"
    case .r17: "Tab penagihan tidak tersedia untuk pelanggan paket Basic (gratis)."
    case .r18:
      "Anda dapat mengakses halaman penagihan untuk Ruang Kerja atau Organisasi melalui Konsol Admin."
    case .r19:
      "Pemilik penagihan paket berbayar yang menggunakan faktur manual dan ingin menyesuaikan atau membatalkan paket harus menghubungi Tim penjualan melalui tab penagihan"
    case .r20:
      "Setelah langkah - langkah ini diikuti, langganan akan dibatalkan secara otomatis pada tanggal perpanjangan paket."
    case .r21: "Meningkatkan atau menurunkan tingkat tidak akan membuat data hilang."
    case .r22:
      "Pemilik Tagihan dapat mengubah metode pembayaran dari kartu kredit ke PayPal dan sebaliknya dari tab Penagihan."
    case .p1, .p2, .p3, .p4, .p5, .p6, .p7, .p8: nil
    }
  }

  /// The rule in one line, in Indonesian as a support agent would put it to a customer.
  package var indonesian: String {
    switch self {
    case .r1:
      "sebuah paket mencakup satu ruang kerja, satu organisasi, atau satu tim dalam organisasi"
    case .r2: "penagihan bulanan atau tahunan; harga tahunan per kursi sama dengan sepuluh bulan"
    case .r3: "paket ruang kerja atau organisasi memiliki kursi untuk setiap anggota yang ditagih"
    case .r4: "paket tim memiliki kursi untuk setiap anggota tim yang ditagih"
    case .r5: "ukuran paket 2–5, 10–30 per 5, 40–100 per 10, lalu per 25; tidak ada paket 1 kursi"
    case .r6:
      "paket organisasi mencakup semua timnya; tim tersebut tidak dapat memiliki paket sendiri"
    case .r7: "paket tidak dapat dipindahkan ke ruang kerja atau organisasi lain"
    case .r8: "meningkatkan beberapa tim sekaligus dilakukan melalui Tim penjualan"
    case .r9:
      "Starter dan Advanced dapat dibeli sendiri; Enterprise dan Enterprise+ melalui Tim penjualan"
    case .r10: "anggota ruang kerja atau organisasi dapat meningkatkannya; tamu tidak dapat"
    case .r11: "pemilik tagihan harus anggota (bukan tamu) dari ruang yang ditingkatkan"
    case .r12: "pembayaran faktur hanya untuk paket tahunan dengan 20 kursi atau lebih"
    case .r13: "pemilik tagihan paket ruang adalah admin; admin dapat menunjuk dan mencabut admin"
    case .r14:
      "hanya pemilik tagihan yang dapat mengubah paket, informasi penagihan, kepemilikan, kursi, dan faktur"
    case .r15:
      "kepemilikan tagihan hanya dapat dialihkan ke anggota lain (bukan tamu) dari ruang yang sama"
    case .r16: "pemilik tagihan menerima salinan setiap faktur"
    case .r17: "tab penagihan tidak tersedia pada paket Basic"
    case .r18: "tab penagihan paket ruang ada di Konsol Admin; paket tim, di pengaturan tim"
    case .r19:
      "paket yang dibayar dengan faktur hanya dapat diubah atau dibatalkan melalui Tim penjualan"
    case .r20: "pembatalan berlaku pada akhir periode dan dapat diurungkan sampai saat itu"
    case .r21: "meningkatkan, menurunkan, atau membatalkan paket tidak menghapus data"
    case .r22: "metode pembayaran dapat diganti antara kartu kredit dan PayPal"
    case .p1: "paket yang dibeli sendiri sampai 500 kursi; lebih besar melalui Tim penjualan"
    case .p2: "tim ditingkatkan atau dicoba oleh anggotanya atau admin organisasinya"
    case .p3:
      "kenaikan berlaku segera dan ditagih sebanding sisa hari; penurunan dan perubahan siklus pada perpanjangan"
    case .p4:
      "uji coba Starter atau Advanced 30 hari, sekali per ruang, tanpa kursi dan tanpa faktur"
    case .p5: "menambah orang ke paket yang penuh langsung menambah kursinya (kartu, PayPal)"
    case .p6:
      "hanya admin yang meningkatkan organisasi yang memiliki paket tim; paket tim itu berakhir dan dikreditkan"
    case .p7:
      "pemilik tagihan tidak dapat keluar dari ruang atau melepas peran admin: alihkan dulu kepemilikannya"
    case .p8: "siapa pun di suatu ruang dapat melihat paketnya"
    }
  }
}
